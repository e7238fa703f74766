/**
 * A permission policy for the postmortem suite, switched on by config.
 *
 * @packageDocumentation
 */

export { permissionModulePostmortemPolicy as default } from './module';
