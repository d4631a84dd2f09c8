import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ApiError, onSessionExpired } from './lib/http.ts';
import './styles.css';

/** antd's default grey texts fall under WCAG AA contrast (4.5:1) on white: darkened here. */
const THEME = {
  token: {
    colorPrimary: '#0b4ea2',
    colorLink: '#0b4ea2',
    colorSuccess: '#2f7a0a',
    colorWarning: '#ad5b00',
    colorError: '#b3261e',
    colorTextDescription: 'rgba(0,0,0,0.66)',
    colorTextTertiary: 'rgba(0,0,0,0.64)',
    colorTextQuaternary: 'rgba(0,0,0,0.6)',
    colorTextPlaceholder: 'rgba(0,0,0,0.6)',
    colorTextDisabled: 'rgba(0,0,0,0.6)',
    fontFamily: '"Noto Sans", system-ui, sans-serif',
  },
};

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: true },
  },
});

// An idle session ended on the server: forget every cached answer; the router then shows the sign-in page.
onSessionExpired(() => {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  queryClient.setQueryData(['me'], null);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={viVN} componentSize="middle" theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
