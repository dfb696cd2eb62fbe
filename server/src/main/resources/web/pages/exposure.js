// Company exposure: the page itself is ../exposure.js (DOM built with textContent).
import { exposurePage } from '../exposure.js';

export default { id: 'exposure', title: 'Exposure', render: view => exposurePage(view.main, view) };
