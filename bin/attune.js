#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const cli = path.join(__dirname, '..', 'dist', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('attune: the app is not built yet. Run "npm install" (or "npm run build") in ' + path.dirname(__dirname) + ' first.\n');
  process.exit(1);
}
require(cli);
