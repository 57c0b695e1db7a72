import { runAction } from './main.js';

void runAction().then((code) => {
  process.exitCode = code;
});
