// Utilities for the demo server.
import fs from "fs";
import path from "path";

const PORT = 8080;

/**
 * Reads a JSON file.
 * @param {string} file
 */
export function readJson(file) {
  const raw = fs.readFileSync(file, "utf8");
  return JSON.parse(raw);
}

export const toUpper = (text) => {
  return text.toUpperCase();
};

function* counter(limit) {
  for (let i = 0; i < limit; i++) {
    yield i;
  }
}

class Server extends Base {
  constructor(port) {
    super();
    this.port = port;
  }

  // Starts listening.
  start() {
    this.listening = true;
    return this;
  }

  handle = (request) => {
    return request.url;
  };
}

module.exports.helper = function (value) {
  return value * 2;
};

startServer(PORT);
