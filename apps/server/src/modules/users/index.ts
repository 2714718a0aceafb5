export { UsersRepository } from './users.repository.js';
export { UsersService, toUserDto } from './users.service.js';
export { usersRoutes } from './users.routes.js';
