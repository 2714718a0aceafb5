export { UsersRepository } from './users.repository.js';
export { UsersService } from './users.service.js';
export { usersRoutes } from './users.routes.js';
