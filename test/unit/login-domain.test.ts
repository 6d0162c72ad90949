import { DomainError } from '../../src/errors/domain-errors';
import { normalizeLoginDomain, parseLoginEmail } from '../../src/msp-sso/login-domain';

function refusal(input: string): DomainError {
  try {
    normalizeLoginDomain(input);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('normalizeLoginDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['example.com.', 'example.com'],
    ['sub.my-company.co.uk', 'sub.my-company.co.uk'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['BÜCHER.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
    ['123.example', '123.example'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeLoginDomain(input)).toBe(expected);
  });

  it.each([
    ['alice@example.com', /not an email address/],
    ['https://example.com', /not a URL/],
    ['example.com/path', /not a URL/],
    ['example.com:443', /not a URL/],
    ['%65xample.com', /not a URL/],
    ['*.example.com', /Wildcard/],
    ['1.2.3.4', /IP address/],
    ['1.2.3', /IP address/],
    ['0x7f.1', /IP address/],
    ['[::1]', /not a URL/],
    ['localhost', /at least one dot/],
    ['', /Enter a domain/],
    ['   ', /Enter a domain/],
    ['-bad.com', /each part between dots/],
    ['bad-.com', /each part between dots/],
    ['a..com', /each part between dots/],
    ['under_score.com', /each part between dots/],
    ['exa mple.com', /not a valid domain/],
    [`${'a'.repeat(64)}.com`, /each part between dots/],
    [`${'a.'.repeat(127)}com`, /at most 253/],
  ])('refuses %j with BAD_USER_INPUT', (input, message) => {
    const error = refusal(input);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });
});

describe('parseLoginEmail', () => {
  it('normalizes the domain and keeps the local part as typed', () => {
    expect(parseLoginEmail('  Alice.Smith@Example.COM ')).toEqual({ address: 'Alice.Smith@example.com', domain: 'example.com' });
    expect(parseLoginEmail('bob@bücher.de')).toEqual({ address: 'bob@xn--bcher-kva.de', domain: 'xn--bcher-kva.de' });
  });

  it.each([undefined, null, 42, ['a@example.com'], '', 'example.com', '@example.com', 'alice@', 'alice@localhost', 'al ice@example.com', 'a@b@example.com', `${'a'.repeat(65)}@example.com`, `a@${'b'.repeat(330)}.com`])(
    'returns undefined for %j',
    (input) => {
      expect(parseLoginEmail(input)).toBeUndefined();
    },
  );
});
