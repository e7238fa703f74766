export { EntityPostmortemsContent } from './EntityPostmortemsContent';
export { EntityPostmortemsCard } from './EntityPostmortemsCard';
