import type { FastifyRequest } from 'fastify';
import type { Client } from './mail-sender.js';

/** Where mailed links point: PUBLIC_URL when set (behind a proxy the Host may be internal), else this request's origin. */
export function linkOrigin(publicUrl: string | undefined, request: FastifyRequest): string {
  return publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
}

export function clientOf(request: FastifyRequest): Client {
  return { userAgent: request.headers['user-agent'] ?? null, ip: request.ip };
}

/** One budget per address and e-mail, so nobody floods a mailbox and one office is not locked out by another. */
export function ipAndEmailKey(prefix: string) {
  return (request: FastifyRequest): string => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return `${prefix}:${request.ip}:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
  };
}
