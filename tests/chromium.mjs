// Debian's Chromium, headless, as every page test and benchmark starts it
// (`CHROMIUM_PATH` names another binary; nothing is downloaded).
import { chromium } from 'playwright-core';

/** Launches Chromium headless with the flags this machine needs. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
