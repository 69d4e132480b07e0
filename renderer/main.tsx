import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadAppInfo } from './app/app-info';
import './styles/app.css';

// Ask for the app info before the first render so it arrives as early as possible.
void loadAppInfo();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
