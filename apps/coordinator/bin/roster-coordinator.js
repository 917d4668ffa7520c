#!/usr/bin/env node
// Thin launcher so npm can link the binary before the first build.
import "../dist/main.js";
