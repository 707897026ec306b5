import { useRef, useState, type SubmitEvent } from 'react';
import { ApiError } from '../../api/problem';
import { problemText } from '../../shared/errors';
import { formatNumber, formatWon } from '../../shared/format';
import { useI18n, type Translate } from '../../shared/i18n/context';
import { Field } from '../../shared/ui/Field';
import { Notice } from '../../shared/ui/Notice';
import { useImportResult, useSimulatedResult } from './bankFileQueries';
import { saveFile } from './saveFile';
import type { BankFileRead, Reconciliation } from './types';

/** Where a fault of a refused result file is: "line 7" → "7번째 줄"; the file, header, trailer. */
function faultPlace(t: Translate, key: string): string {
  const line = /^line (\d+)$/.exec(key);
  if (line?.[1]) return t('bankResult.faultLine', { n: line[1] });
  if (key === 'file' || key === 'header' || key === 'trailer') return t(`bankResult.fault.${key}`);
  return key;
}

/** 422: the result file refused whole, with every line at fault (nothing was recorded). */
function Refusal({ error }: { error: unknown }) {
  const t = useI18n().t;
  const faults = error instanceof ApiError && error.status === 422 ? error.fieldErrors : [];
  return (
    <Notice tone="error">
      <span data-testid="bank-result-refused">
        <strong>{problemText(error, t)}</strong>
        {faults.length > 0 ? (
          <ul className="faults">
            {faults.map((f) => (
              <li key={f.field}>
                <span className="fault__place">{faultPlace(t, f.field)}</span>: {f.message}
              </li>
            ))}
          </ul>
        ) : null}
      </span>
    </Notice>
  );
}

function Reconciled({ result }: { result: Reconciliation }) {
  const { t, lang } = useI18n();
  const { file, failures } = result;
  const reasons = Object.entries(failures);
  return (
    <Notice tone={file.failed_count ? 'warning' : 'success'} live>
      <span data-testid="bank-result-done">
        {t('bankResult.done', {
          file: t('bankFile.label', { bank: file.bank_name, sequence: file.sequence }),
          paid: formatNumber(file.paid_count ?? 0, lang),
          paidAmount: formatWon(file.paid_amount ?? 0, lang),
          failed: formatNumber(file.failed_count ?? 0, lang),
        })}
        {reasons.length > 0 ? (
          <ul className="faults">
            {reasons.map(([reason, count]) => (
              <li key={reason}>{t('bankResult.failure', { reason, count: formatNumber(count, lang) })}</li>
            ))}
          </ul>
        ) : null}
      </span>
    </Notice>
  );
}

/**
 * 은행 처리 결과 반영: the bank's result file for one transfer file, uploaded as received. In
 * development the simulated bank's result can be fetched first (to download, then upload here).
 */
export function ResultForm({ runId, files }: { runId: string; files: readonly BankFileRead[] }) {
  const { t } = useI18n();
  const waiting = files.filter((f) => !f.result_imported_at);
  const [fileId, setFileId] = useState(() => (waiting[0] ?? files[0])?.id ?? '');
  const [chosen, setChosen] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const importer = useImportResult(runId);
  const simulated = useSimulatedResult();
  const target = files.find((f) => f.id === fileId);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setMissing(chosen === null);
    if (!target || !chosen || importer.isPending) return;
    importer.mutate(
      { file: target, result: chosen },
      {
        onSuccess: () => {
          setChosen(null);
          simulated.reset();
          if (input.current) input.current.value = '';
          // The next file waiting for its result, if any.
          const next = waiting.find((f) => f.id !== target.id);
          if (next) setFileId(next.id);
        },
      },
    );
  };

  return (
    <form className="panel form bank-result" aria-labelledby="bank-result-title" onSubmit={submit} noValidate data-testid="bank-result-form">
      <h3 id="bank-result-title">{t('bankResult.title')}</h3>
      <p className="muted">{t('bankResult.lead')}</p>
      <div className="form-row">
        <Field id="bank-result-file" label={t('bankResult.transferFile')} required>
          {(c) => (
            <select
              {...c}
              className="input"
              value={fileId}
              onChange={(e) => {
                setFileId(e.target.value);
                importer.reset();
                simulated.reset();
              }}
            >
              {files.map((f) => (
                <option key={f.id} value={f.id}>
                  {t('bankFile.label', { bank: f.bank_name, sequence: f.sequence })}
                  {f.result_imported_at ? ` — ${t('bankResult.alreadyImported')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="bank-result-upload" label={t('bankResult.resultFile')} hint={t('bankResult.resultHint')} required error={missing ? t('bankResult.chooseFile') : undefined}>
          {(c) => (
            <input
              {...c}
              ref={input}
              className="input"
              type="file"
              accept=".txt,text/plain,application/octet-stream"
              onChange={(e) => {
                setChosen(e.target.files?.[0] ?? null);
                setMissing(false);
                importer.reset();
              }}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={importer.isPending}>
          {importer.isPending ? t('bankResult.importing') : t('bankResult.submit')}
        </button>
      </div>
      {importer.data ? <Reconciled result={importer.data} /> : null}
      {importer.error ? <Refusal error={importer.error} /> : null}

      <div className="dev-box">
        <p className="dev-box__title">
          <strong>{t('bankResult.devTitle')}</strong> {t('bankResult.devLead')}
        </p>
        <button
          type="button"
          className="button button--small"
          disabled={!target || simulated.isPending}
          onClick={() => {
            if (target) simulated.mutate(target, { onSuccess: saveFile });
          }}
        >
          {simulated.isPending ? t('common.loading') : t('bankResult.simulate')}
        </button>
        {simulated.data ? (
          <Notice tone="info" live>
            <span data-testid="bank-simulated">{t('bankResult.simulated', { name: simulated.data.filename })}</span>
          </Notice>
        ) : null}
        {simulated.error ? <Notice tone="error">{problemText(simulated.error, t)}</Notice> : null}
      </div>
    </form>
  );
}
