#pragma once

#include "jsonrpc/mcperror.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace mcppm {

// What a client answers when a server asks something of it: elicitation
// (form and URL modes), sampling, roots. In 2025-11-25 the server sends
// these as requests on a stream; in 2026-07-28 as the inputRequests of an
// input_required result (MRTR). Capabilities are declared only for these.
struct ClientFeatures
{
    bool elicitationForm = false;
    bool elicitationUrl = false;
    bool sampling = false;
    bool roots = false;

    bool any() const { return elicitationForm || elicitationUrl || sampling || roots; }
    // The client capabilities object (initialize, or _meta clientCapabilities).
    QJsonObject capabilities() const;
    // Whether a server request (method and params) is one of these; if not,
    // why (for the error sent back or the failed request).
    bool handles(const QString &method, const QJsonObject &params, QString *why = nullptr) const;

    // What an accepted form elicitation leaves out, filled in from the
    // requested schema's defaults (SEP-1034).
    static QJsonObject withSchemaDefaults(const QJsonObject &content, const QJsonObject &schema);
};

// The answer to one server request: a result object, or an error (the
// person declined to sample, no roots, ...). Call exactly once.
using InputResponder = std::function<void(const QJsonObject &result, const McpError &error)>;
// Asked for every server request ClientFeatures::handles(); may answer later
// (a dialog) or at once (roots from a profile).
using InputHandler
    = std::function<void(const QString &method, const QJsonObject &params, InputResponder respond)>;

} // namespace mcppm
