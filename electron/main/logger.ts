/* eslint-disable no-console -- The single place main-process code writes to the terminal. Everything
   else logs through `logger`, so sending logs to a file later is a change to this module only. */

type Details = readonly unknown[];

const PREFIX = '[egov-desk]';

export const logger = {
  info(message: string, ...details: Details): void {
    console.info(PREFIX, message, ...details);
  },
  warn(message: string, ...details: Details): void {
    console.warn(PREFIX, message, ...details);
  },
  error(message: string, ...details: Details): void {
    console.error(PREFIX, message, ...details);
  },
};
