// A briefing's accredited participant asks a follow-up to an answered question, from its card.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveEvent, Question } from '../api/events.ts';
import { AskForm } from './event-ask.tsx';

export function FollowUp({ event, question, onAsked }: { event: LiveEvent; question: Question; onAsked: (question: Question) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!question.answer?.released) return null;
  return (
    <div className="follow-up">
      <button type="button" className="chip" aria-expanded={open} aria-controls={open ? `follow-up-${question.id}` : undefined} onClick={() => setOpen(!open)}>
        {t('events.followUp')}
      </button>
      {open && (
        <div id={`follow-up-${question.id}`}>
          <AskForm event={event} followUpOf={question} onAsked={onAsked} />
        </div>
      )}
    </div>
  );
}
