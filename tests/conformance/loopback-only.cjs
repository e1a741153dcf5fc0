// Preload for test peers (node --require ./loopback-only.cjs ...):
// makes any net/http server that listens on a bare port (no host given),
// e.g. server-everything's `app.listen(PORT)`, bind 127.0.0.1 instead of all interfaces.
'use strict';
const net = require('net');
const origListen = net.Server.prototype.listen;
const isPort = (v) => typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v));
net.Server.prototype.listen = function (...args) {
  if (isPort(args[0]) && (args.length === 1 || typeof args[1] === 'function')) {
    args.splice(1, 0, '127.0.0.1');
  } else if (args[0] && typeof args[0] === 'object' && !Array.isArray(args[0]) &&
             args[0].path === undefined && args[0].host === undefined &&
             !(args[0] instanceof net.Server) && args[0].handle === undefined && args[0].fd === undefined) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return origListen.apply(this, args);
};
