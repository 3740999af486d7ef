import { useEffect, useRef } from 'react';
import { AssistantPage } from './assistant/assistant-page';
import { KeyDialog } from './auth/key-dialog';
import { useNotice } from './components/notice';
import { EditPage } from './models/edit-page';
import { ModelDetailPage } from './models/model-detail-page';
import { ModelListPage } from './models/model-list-page';
import { RegisterPage } from './models/register-page';
import { href, type Route } from './routing/route';
import { useRoute } from './routing/use-route';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'models':
      return <ModelListPage />;
    case 'register':
      return <RegisterPage />;
    case 'model':
      return <ModelDetailPage key={route.id} id={route.id} />;
    case 'edit':
      return <EditPage key={route.id} id={route.id} />;
    case 'assistant':
      return <AssistantPage />;
    case 'not-found':
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            <a href={href.models}>Go to the models</a>
          </p>
        </section>
      );
  }
}

const TITLES: Record<Route['page'], string> = {
  models: 'Models',
  register: 'Register a model',
  model: 'Model',
  edit: 'Edit model',
  assistant: 'Assistant',
  'not-found': 'Page not found',
};

/**
 * Per route: the tab's title, and (after a change, not on the first load) the focus on the new
 * page's content, so a screen reader leaves the link just followed and Tab starts there.
 */
function useRouteAnnouncement(route: Route): void {
  const first = useRef(true);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · Model registry`;
    if (first.current) {
      first.current = false;
      return;
    }
    // #main, not the h1: a page may swap its heading once its data is loaded.
    document.getElementById('main')?.focus();
  }, [route]);
}

/** The console: a header with the navigation, the page of the hash route, the key dialog. */
export function App() {
  const route = useRoute();
  useRouteAnnouncement(route);
  const notice = useNotice(window.location.hash || href.models);
  const current = (page: Route['page'][]) => (page.includes(route.page) ? 'page' : undefined);
  return (
    <>
      {/* A button, not href="#main": the hash is the route. */}
      <button type="button" className="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header className="top">
        <span className="brand">Model registry</span>
        <nav aria-label="Main">
          <a href={href.models} aria-current={current(['models', 'model', 'edit', 'register'])}>
            Models
          </a>
          <a href={href.assistant} aria-current={current(['assistant'])}>
            Assistant
          </a>
          <a href="/api-docs">API docs</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <p className="notice" role="status">
          {notice}
        </p>
        <Page route={route} />
      </main>
      <KeyDialog />
    </>
  );
}
