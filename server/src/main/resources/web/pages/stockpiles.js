// Stockpiles (Project Vault and national stockpiles): the page itself is ../stockpiles.js (DOM built with textContent).
import { stockpilesPage } from '../stockpiles.js';

export default { id: 'stockpiles', title: 'Stockpiles', render: (view, args) => stockpilesPage(view.main, args, view) };
