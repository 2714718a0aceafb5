import type pg from 'pg';
import type { ApiScope, ApiToken, CompanyStatus, Language, SessionCompany } from '@jimmy/contracts';

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  created_at: Date;
  created_by_user_id: number | null;
  creator_name: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  last_used_ip: string | null;
  revoked_at: Date | null;
}

/** What a request presenting a token needs to act: the token, its company and the admin accountable for it. */
export interface TokenHolder {
  id: number;
  name: string;
  scopes: ApiScope[];
  companyId: number;
  companyName: string;
  company: SessionCompany;
  expiresAt: Date | null;
  revokedAt: Date | null;
  creator: { id: number; language: Language } | null;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

function toDto(row: TokenRow): ApiToken {
  return {
    id: Number(row.id),
    name: row.name,
    scopes: row.scopes,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_user_id === null ? null : { id: Number(row.created_by_user_id), name: row.creator_name ?? '' },
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    lastUsedIp: row.last_used_ip,
    revokedAt: iso(row.revoked_at),
  };
}

const selectTokens = `select t.id, t.name, t.prefix, t.scopes, t.created_at, t.created_by_user_id, u.name as creator_name,
    t.expires_at, t.last_used_at, t.last_used_ip, t.revoked_at
  from api_tokens t left join users u on u.id = t.created_by_user_id`;

export class ApiTokensRepository {
  constructor(private readonly pool: pg.Pool) {}

  async insert(input: {
    companyId: number;
    name: string;
    hash: string;
    prefix: string;
    scopes: ApiScope[];
    userId: number;
    expiresAt: Date | null;
  }): Promise<ApiToken> {
    const { rows } = await this.pool.query<{ id: number }>(
      `insert into api_tokens (company_id, name, token_hash, prefix, scopes, created_by_user_id, expires_at)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7) returning id`,
      [input.companyId, input.name, input.hash, input.prefix, JSON.stringify(input.scopes), input.userId, input.expiresAt],
    );
    return (await this.find(input.companyId, Number(rows[0]!.id)))!;
  }

  async list(companyId: number): Promise<ApiToken[]> {
    const { rows } = await this.pool.query<TokenRow>(
      `${selectTokens} where t.company_id = $1 order by t.revoked_at nulls first, t.id desc`,
      [companyId],
    );
    return rows.map(toDto);
  }

  async find(companyId: number, id: number): Promise<ApiToken | undefined> {
    const { rows } = await this.pool.query<TokenRow>(`${selectTokens} where t.company_id = $1 and t.id = $2`, [companyId, id]);
    return rows[0] && toDto(rows[0]);
  }

  /** Revokes once; revoking again keeps the first time. Value: whether the token is the company's. */
  async revoke(companyId: number, id: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'update api_tokens set revoked_at = coalesce(revoked_at, now()) where company_id = $1 and id = $2',
      [companyId, id],
    );
    return (rowCount ?? 0) > 0;
  }

  /** The token with this hash, if its company is active; revoked and expired ones too (the caller tells them apart). */
  async holderOf(hash: string): Promise<TokenHolder | undefined> {
    const { rows } = await this.pool.query<{
      id: number;
      name: string;
      scopes: ApiScope[];
      company_id: number;
      company_name: string;
      company_status: CompanyStatus;
      trial_ends_at: Date | null;
      plan_id: number | null;
      plan_name: string | null;
      expires_at: Date | null;
      revoked_at: Date | null;
      creator_id: number | null;
      creator_language: Language | null;
    }>(
      `select t.id, t.name, t.scopes, t.company_id, c.name as company_name, c.status as company_status,
              c.trial_ends_at, p.id as plan_id, p.name as plan_name, t.expires_at, t.revoked_at,
              u.id as creator_id, u.language as creator_language
         from api_tokens t join companies c on c.id = t.company_id and c.active and c.status <> 'suspended'
         left join plans p on p.id = c.plan_id
         left join users u on u.id = t.created_by_user_id and u.company_id = t.company_id
        where t.token_hash = $1`,
      [hash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: Number(row.id),
      name: row.name,
      scopes: row.scopes,
      companyId: Number(row.company_id),
      companyName: row.company_name,
      company: {
        id: Number(row.company_id),
        name: row.company_name,
        status: row.company_status,
        trialEndsAt: row.trial_ends_at?.toISOString() ?? null,
        plan: row.plan_id === null || row.plan_name === null ? null : { id: Number(row.plan_id), name: row.plan_name },
      },
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      creator: row.creator_id === null ? null : { id: Number(row.creator_id), language: row.creator_language ?? 'pt-BR' },
    };
  }

  async touch(id: number, ip: string): Promise<void> {
    await this.pool.query('update api_tokens set last_used_at = now(), last_used_ip = $2 where id = $1', [id, ip]);
  }
}
