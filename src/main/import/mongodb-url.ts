/** The URL without user and password, for messages and the resume identity. */
export function redactedUrl(url: string): string {
  // Not new URL(): a replica set's "h1:27017,h2:27017" is not a URL host.
  const m = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/?#]*@)?([^/?#]+)(.*)$/s.exec(url);
  return m ? `${m[1]}${m[2]}${m[3] ?? ''}` : '(an invalid URL)';
}
