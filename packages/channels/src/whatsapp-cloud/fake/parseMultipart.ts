export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * Minimal multipart/form-data reader for the fake's media upload; enough for what fetch's FormData
 * produces. Returns undefined for anything malformed so the fake can answer 400 like Meta.
 */
export function parseMultipart(body: Buffer, contentTypeHeader: string | undefined): MultipartPart[] | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return undefined;

  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return undefined;

  for (;;) {
    let start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') return parts;
    start += 2; // CRLF after the delimiter line
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    const chunk = body.subarray(start, next - 2); // the CRLF before the next delimiter is not data
    const separator = chunk.indexOf('\r\n\r\n');
    if (separator < 0) return undefined;
    const part = readPartHeaders(chunk.subarray(0, separator).toString('utf8'));
    if (!part) return undefined;
    parts.push({ ...part, data: Buffer.from(chunk.subarray(separator + 4)) });
    position = next;
  }
}

function readPartHeaders(text: string): Omit<MultipartPart, 'data'> | undefined {
  let name: string | undefined;
  let fileName: string | undefined;
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const [key = '', ...rest] = line.split(':');
    const value = rest.join(':').trim();
    if (key.toLowerCase() === 'content-disposition') {
      name = /\bname="([^"]*)"/.exec(value)?.[1];
      fileName = /\bfilename="([^"]*)"/.exec(value)?.[1];
    } else if (key.toLowerCase() === 'content-type') {
      contentType = value;
    }
  }
  if (name === undefined) return undefined;
  return { name, ...(fileName !== undefined && { fileName }), ...(contentType !== undefined && { contentType }) };
}
