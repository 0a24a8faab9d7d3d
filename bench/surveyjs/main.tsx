// SurveyJS rendering the kiosk's survey, for the tap-latency comparison only (not shipped).
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import 'survey-core/survey-core.css';
import { Survey } from 'survey-react-ui';
import { surveyJson } from './survey.ts';

function App() {
  const [done, setDone] = useState(false);
  const fresh = () => {
    const m = new Model(surveyJson);
    m.onComplete.add(() => setDone(true));
    return m;
  };
  const [model, setModel] = useState(fresh);
  return (
    <>
      <Survey model={model} />
      {done && (
        <button
          type="button"
          className="sd-btn restart"
          onClick={() => {
            setDone(false);
            setModel(fresh());
          }}
        >
          Start again
        </button>
      )}
    </>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
