// Projects and valuation: the registry's page is ../projects.js (DOM built with textContent); one project,
// #projects/ID, is ../project.js (its figures with their sources, financing, screening on a date).
import { projectsPage } from '../projects.js';
import { projectDetail } from '../project.js';
import { api } from '../kit/api.js';

export default {
  id: 'projects', title: 'Projects',
  render: (view, [id]) => (id ? projectDetail(view, id) : projectsPage(view.main, api, view)),
};
