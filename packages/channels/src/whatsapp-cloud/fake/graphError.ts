import { randomBytes } from 'node:crypto';

/** A scripted or detected failure, answered in Meta's error shape. */
export interface GraphFault {
  status: number;
  code: number;
  message: string;
  details?: string;
}

export function graphErrorBody(fault: GraphFault): Record<string, unknown> {
  return {
    error: {
      message: fault.message.startsWith('(#') ? fault.message : `(#${fault.code}) ${fault.message}`,
      type: 'OAuthException',
      code: fault.code,
      ...(fault.details !== undefined && { error_data: { messaging_product: 'whatsapp', details: fault.details } }),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

export const invalidParameter = (details: string): GraphFault => ({
  status: 400,
  code: 100,
  message: 'Invalid parameter',
  details,
});

export const invalidToken: GraphFault = {
  status: 401,
  code: 190,
  message: 'Invalid OAuth access token - Cannot parse access token',
};

export const unknownObject = (id: string): GraphFault => ({
  status: 400,
  code: 100,
  message: `Unsupported request - method type: get. Object with ID '${id}' does not exist`,
});

export const windowClosed: GraphFault = {
  status: 400,
  code: 131047,
  message: 'Re-engagement message',
  details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
};
