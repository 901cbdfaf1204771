import { generateKeyPairSync } from 'node:crypto';

/** A throwaway RSA key for the simulated GitHub App; the simulator accepts any JWT-shaped token. */
export const APP_PRIVATE_KEY: string = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string;
