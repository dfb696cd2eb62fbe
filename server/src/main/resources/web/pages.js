// The pages of the application, in menu order: each is pages/NAME.js (see pages/README.md).
// Adding a page is one file under pages/ and one line here.
export default [
  'assess',
  'bulk',
  'regime',
  'minerals',
  'origin',
  'scenarios',
  'projects',
  'stockpiles',
  'exposure',
  'history',
  'tokens',
];
