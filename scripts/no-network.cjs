'use strict';
// Preloaded (node --require) into tools that must stay offline in CI, such as
// electronegativity, which fetches translations and Electron release notes.
// Every outbound connection and DNS lookup fails at once, and each attempt is
// recorded so the caller can report it. Local IPC (unix sockets) is left alone.
const net = require('node:net');
const dns = require('node:dns');
const Module = require('node:module');

const attempts = [];
const refuse = (what) => {
  attempts.push(what);
  const err = new Error(`network access blocked in CI: ${what}`);
  err.code = 'ENETUNREACH';
  return err;
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect hands over its normalised [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const o = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (o.path) return connect.apply(this, args);
  const err = refuse(`connect ${o.host ?? 'localhost'}:${o.port}`);
  process.nextTick(() => this.destroy(err));
  return this;
};
dns.lookup = (host, _o, cb) => {
  const callback = typeof _o === 'function' ? _o : cb;
  process.nextTick(() => callback(refuse(`dns ${host}`)));
};

// `got` is what electronegativity uses; answer it with an immediate rejection so no
// socket is ever made and its "No connectivity?" fallback runs.
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const got = (url) => Promise.reject(refuse(`got ${url}`));
    got.head = got;
    got.get = got;
    return got;
  }
  return load.call(this, request, ...rest);
};

globalThis.__networkAttempts = attempts;
process.on('exit', () => {
  if (process.env.NO_NETWORK_REPORT && attempts.length) {
    require('node:fs').writeFileSync(process.env.NO_NETWORK_REPORT, attempts.join('\n') + '\n');
  }
});
