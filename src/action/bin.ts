import { runAction } from './main.js';

void runAction();
