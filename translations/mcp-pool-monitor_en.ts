<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/widgets/resultview.cpp" line="35"/>
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/resultview.cpp" line="40"/>
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::Composer</name>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="289"/>
        <source>%1  (%n server(s))</source>
        <translation>
            <numerusform>%1  (%n server)</numerusform>
            <numerusform>%1  (%n servers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="536"/>
        <source>done, %n failed</source>
        <translation>
            <numerusform>done, %n failed</numerusform>
            <numerusform>done, %n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="547"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="571"/>
        <source>✔ All %n server(s) gave the same result.</source>
        <translation>
            <numerusform>✔ The %n server gave the same result.</numerusform>
            <numerusform>✔ All %n servers gave the same result.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="576"/>
        <source>≠ The servers disagree: %n different result(s).</source>
        <translation>
            <numerusform>≠ The servers disagree: %n different result.</numerusform>
            <numerusform>≠ The servers disagree: %n different results.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::EndpointClientModel</name>
    <message numerus="yes">
        <location filename="../ui/models/endpointclientmodel.cpp" line="89"/>
        <source>%1 %2, %n session(s) open</source>
        <translation>
            <numerusform>%1 %2, %n session open</numerusform>
            <numerusform>%1 %2, %n sessions open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::EventLogModel</name>
    <message numerus="yes">
        <location filename="../ui/models/eventlogmodel.cpp" line="64"/>
        <source>%n more event(s) not shown (too many at once)</source>
        <translation>
            <numerusform>%n more event not shown (too many at once)</numerusform>
            <numerusform>%n more events not shown (too many at once)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::FleetPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/fleetpage.cpp" line="338"/>
        <source>Serving MCP at &lt;b&gt;%1&lt;/b&gt; · %n session(s)</source>
        <translation>
            <numerusform>Serving MCP at &lt;b&gt;%1&lt;/b&gt; · %n session</numerusform>
            <numerusform>Serving MCP at &lt;b&gt;%1&lt;/b&gt; · %n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/fleetpage.cpp" line="340"/>
        <source> · %n stream(s) · %1 refused</source>
        <translation>
            <numerusform> · %n stream · %1 refused</numerusform>
            <numerusform> · %n streams · %1 refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/fleetpage.cpp" line="359"/>
        <source>&lt;b&gt;%n&lt;/b&gt; server(s) · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%1 healthy&lt;/span&gt; · &lt;span style=&apos;color:#c77c00&apos;&gt;%2 degraded&lt;/span&gt; · &lt;span style=&apos;color:#d03b3b&apos;&gt;%3 offline&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; server · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%1 healthy&lt;/span&gt; · &lt;span style=&apos;color:#c77c00&apos;&gt;%2 degraded&lt;/span&gt; · &lt;span style=&apos;color:#d03b3b&apos;&gt;%3 offline&lt;/span&gt;</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; servers · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%1 healthy&lt;/span&gt; · &lt;span style=&apos;color:#c77c00&apos;&gt;%2 degraded&lt;/span&gt; · &lt;span style=&apos;color:#d03b3b&apos;&gt;%3 offline&lt;/span&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ProfileActions</name>
    <message numerus="yes">
        <location filename="../ui/widgets/profileactions.cpp" line="81"/>
        <source>Read %n server(s) from %1; Save writes them as a pool profile (it asks where).</source>
        <translation>
            <numerusform>Read %n server from %1; Save writes it as a pool profile (it asks where).</numerusform>
            <numerusform>Read %n servers from %1; Save writes them as a pool profile (it asks where).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/profileactions.cpp" line="188"/>
        <location filename="../ui/widgets/profileactions.cpp" line="192"/>
        <source>Imported %n server(s) from %1.</source>
        <translation>
            <numerusform>Imported %n server from %1.</numerusform>
            <numerusform>Imported %n servers from %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::PromptsPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/promptspage.cpp" line="175"/>
        <source>%n argument(s); * = required.</source>
        <translation>
            <numerusform>%n argument; * = required.</numerusform>
            <numerusform>%n arguments; * = required.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/promptspage.cpp" line="238"/>
        <source>%n message(s) from %1.</source>
        <translation>
            <numerusform>%n message from %1.</numerusform>
            <numerusform>%n messages from %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ProtocolModel</name>
    <message numerus="yes">
        <location filename="../ui/models/protocolmodel.cpp" line="20"/>
        <source>%n message(s) not shown (too many at once)</source>
        <translation>
            <numerusform>%n message not shown (too many at once)</numerusform>
            <numerusform>%n messages not shown (too many at once)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ResourceBrowser</name>
    <message numerus="yes">
        <location filename="../ui/widgets/resourcebrowser.cpp" line="247"/>
        <source>%n part(s) from %1 in %2 ms</source>
        <translation>
            <numerusform>%n part from %1 in %2 ms</numerusform>
            <numerusform>%n parts from %1 in %2 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SchemaForm</name>
    <message numerus="yes">
        <location filename="../ui/widgets/schemaform.cpp" line="1538"/>
        <source>... and %n more</source>
        <translation>
            <numerusform>... and %n more</numerusform>
            <numerusform>... and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ServerDetailPane</name>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="210"/>
        <source>%1 (in %n min)</source>
        <translation>
            <numerusform>%1 (in %n min)</numerusform>
            <numerusform>%1 (in %n min)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="339"/>
        <source>%n failure(s) in a row</source>
        <translation>
            <numerusform>%n failure in a row</numerusform>
            <numerusform>%n failures in a row</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="418"/>
        <source>, %n restart(s)</source>
        <translation>
            <numerusform>, %n restart</numerusform>
            <numerusform>, %n restarts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="425"/>
        <source>Its stderr (the last %n line(s)):</source>
        <translation>
            <numerusform>Its stderr (the last line):</numerusform>
            <numerusform>Its stderr (the last %n lines):</numerusform>
        </translation>
    </message>
</context>
</TS>
