/**
 * Certificates for the monitor's TLS tests (SPEC §10 "TLS errors recorded"): a throwaway certificate authority and
 * leaf certificates it signs, valid or expired, for any host names, made in the test with @peculiar/x509 on Node's
 * WebCrypto (ECDSA P-256: fast), and an HTTPS server presenting one. A check that trusts the CA (monitor agent `ca`)
 * then fails for exactly the reason under test, not because the issuer is unknown.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

const keyPem = async (key: CryptoKey) =>
  x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey), 'PRIVATE KEY');

export interface LeafOptions {
  /** DNS names in subjectAltName (what hostname verification reads). */
  names: string[];
  notBefore?: Date;
  notAfter?: Date;
}

export interface TestPki {
  caPem: string;
  leaf(opts: LeafOptions): Promise<{ certPem: string; keyPem: string }>;
}

export async function createTestPki(now = new Date()): Promise<TestPki> {
  const caKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=VCP monitor test CA',
    notBefore: new Date(now.getTime() - 400 * DAY),
    notAfter: new Date(now.getTime() + 400 * DAY),
    keys: caKeys as CryptoKeyPair,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  let serial = 1;
  return {
    caPem: ca.toString('pem'),
    async leaf(opts) {
      const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
      serial += 1;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial.toString(16).padStart(2, '0'),
        subject: `CN=${opts.names[0]}`,
        issuer: ca.subject,
        notBefore: opts.notBefore ?? new Date(now.getTime() - DAY),
        notAfter: opts.notAfter ?? new Date(now.getTime() + 30 * DAY),
        publicKey: keys.publicKey,
        signingKey: (caKeys as CryptoKeyPair).privateKey,
        signingAlgorithm: ALG,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.SubjectAlternativeNameExtension(opts.names.map((value) => ({ type: 'dns' as const, value }))),
        ],
      });
      return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
    },
  };
}

/** An HTTPS server on 127.0.0.1 presenting `cert`, answering every path with `body`. */
export async function startTlsServer(
  cert: { certPem: string; keyPem: string },
  body: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
