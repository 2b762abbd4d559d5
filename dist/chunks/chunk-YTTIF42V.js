import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);

// src/runner-log.ts
import { randomBytes } from "node:crypto";
function isInert(text) {
  return !text.includes("::") && !text.includes("##[");
}
function enclose(text, token) {
  if (!/^[0-9a-f]{32,}$/.test(token)) throw new Error("enclose: the stop token must be 32+ hex digits");
  const body = /[\r\n]$/.test(text) ? text : `${text}
`;
  return `::stop-commands::${token}
${body}::${token}::
`;
}
function newStopToken() {
  return randomBytes(16).toString("hex");
}
var write = (text) => {
  process.stdout.write(text);
};
function info(text) {
  write(isInert(text) ? `${text}
` : enclose(text, newStopToken()));
}

export {
  isInert,
  info
};
