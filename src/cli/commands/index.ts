import type { Command } from '../command.js';
import { pushCommand } from './push.js';
import { provenanceCommand } from './provenance.js';
import { demoCommand } from './demo.js';
import { gateCommand } from './gate.js';
import { attachSbomCommand } from './attach-sbom.js';
import { attachVexCommand } from './attach-vex.js';
import { scanCommand } from './scan.js';
import { signCommand } from './sign.js';
import { verifyCommand } from './verify.js';

/** Every command; each lives in its own module next to this one. */
export const COMMANDS: Command[] = [
  pushCommand,
  attachSbomCommand,
  attachVexCommand,
  signCommand,
  provenanceCommand,
  verifyCommand,
  scanCommand,
  gateCommand,
  demoCommand,
];
