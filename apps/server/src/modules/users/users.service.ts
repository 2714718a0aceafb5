import type { CreateUserRequest, UpdateUserRequest, User } from '@jimmy/contracts';
import { conflict, DomainError, notFound } from '../../infra/errors.js';
import type { EventBus } from '../../infra/events.js';
import { hashPassword } from '../../infra/passwords.js';
import type { AuthContext, AuthService } from '../auth/index.js';
import { isEmailTaken, type UserRow, type UsersRepository } from './users.repository.js';

function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    maxOpenTickets: row.maxOpenTickets,
    invitationPending: row.invitationPending,
  };
}

const emailTaken = () => conflict('EMAIL_TAKEN', 'A user with this email already exists', { email: 'already in use' });

export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly auth: AuthService,
    private readonly events: EventBus,
  ) {}

  async list(actor: AuthContext): Promise<User[]> {
    return (await this.repo.list(actor.companyId)).map(toUserDto);
  }

  async get(actor: AuthContext, userId: number): Promise<User> {
    const row = await this.repo.find(actor.companyId, userId);
    if (!row) throw notFound('User');
    return toUserDto(row);
  }

  async create(actor: AuthContext, input: CreateUserRequest): Promise<User> {
    let row: UserRow;
    try {
      row = await this.repo.insert({
        companyId: actor.companyId,
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        maxOpenTickets: input.maxOpenTickets ?? null,
      });
    } catch (error) {
      if (isEmailTaken(error)) throw emailTaken();
      throw error;
    }
    const user = toUserDto(row);
    this.events.publish('user.created', { companyId: actor.companyId, user });
    return user;
  }

  async update(actor: AuthContext, userId: number, patch: UpdateUserRequest): Promise<User> {
    const current = await this.repo.find(actor.companyId, userId);
    if (!current) throw notFound('User');
    if (current.role === 'super_admin' && actor.role !== 'super_admin') {
      throw new DomainError('FORBIDDEN', 'Only a platform administrator can change this user', 403);
    }
    if (userId === actor.userId) {
      if (patch.active === false)
        throw new DomainError('CANNOT_CHANGE_SELF', 'You cannot deactivate yourself', 400, { active: 'cannot deactivate yourself' });
      if (patch.role && patch.role !== current.role)
        throw new DomainError('CANNOT_CHANGE_SELF', 'You cannot change your own role', 400, { role: 'cannot change your own role' });
    }
    const losesAdmin =
      (current.role === 'admin' && patch.role !== undefined && patch.role !== 'admin') || (current.active && patch.active === false);
    if (losesAdmin && current.role === 'admin' && (await this.repo.countActiveAdmins(actor.companyId)) <= 1) {
      throw conflict('LAST_ADMIN', 'The company needs at least one active administrator');
    }
    let row: UserRow | undefined;
    try {
      row = await this.repo.update(actor.companyId, userId, patch);
    } catch (error) {
      if (isEmailTaken(error)) throw emailTaken();
      throw error;
    }
    if (!row) throw notFound('User');
    if (patch.active === false && current.active) await this.auth.revokeAllSessions(actor.companyId, userId, 'deactivated');
    else if (patch.role && patch.role !== current.role) await this.auth.revokeAllSessions(actor.companyId, userId, 'role changed');
    const user = toUserDto(row);
    this.events.publish('user.updated', { companyId: actor.companyId, user });
    return user;
  }

  async resetPassword(actor: AuthContext, userId: number, password: string): Promise<void> {
    const row = await this.repo.update(actor.companyId, userId, { passwordHash: await hashPassword(password) });
    if (!row) throw notFound('User');
    await this.auth.revokeAllSessions(actor.companyId, userId, 'password reset');
  }
}
