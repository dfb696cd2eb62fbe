// Projects and valuation: the page itself is ../projects.js (DOM built with textContent).
import { projectsPage } from '../projects.js';
import { api } from '../kit/api.js';

export default { id: 'projects', title: 'Projects', render: view => projectsPage(view.main, api, view) };
