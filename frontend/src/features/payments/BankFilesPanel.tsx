import { useState } from 'react';
import { problemText } from '../../shared/errors';
import { formatDateTime, formatNumber, formatWon } from '../../shared/format';
import { useI18n } from '../../shared/i18n/context';
import { Loading, Notice, ProblemNotice } from '../../shared/ui/Notice';
import { useBankFiles, useDownloadBankFile, useExportBankFiles } from './bankFileQueries';
import { ResultForm } from './ResultForm';
import { saveFile } from './saveFile';
import type { BankFileRead, ExportResult } from './types';

function ResultCell({ file }: { file: BankFileRead }) {
  const { t, lang } = useI18n();
  if (!file.result_imported_at) return <td><span className="badge badge--line-sent">{t('bankFile.awaiting')}</span></td>;
  return (
    <td>
      <span className="nowrap">{t('bankFile.paid', { count: formatNumber(file.paid_count ?? 0, lang), amount: formatWon(file.paid_amount ?? 0, lang) })}</span>
      <br />
      <span className={file.failed_count ? 'nowrap bank-file__failed' : 'nowrap muted'}>
        {t('bankFile.failed', { count: formatNumber(file.failed_count ?? 0, lang), amount: formatWon(file.failed_amount ?? 0, lang) })}
      </span>
      <span className="muted small bank-file__at">{t('bankFile.importedAt', { at: formatDateTime(file.result_imported_at, lang) })}</span>
    </td>
  );
}

function Exported({ result }: { result: ExportResult }) {
  const { t, lang } = useI18n();
  const lines = result.files.reduce((n, f) => n + f.line_count, 0);
  return (
    <Notice tone={result.files.length > 0 ? 'success' : 'warning'} live>
      <span data-testid="bank-export-result">
        {t('bankFile.exported', { files: formatNumber(result.files.length, lang), lines: formatNumber(lines, lang) })}
        {result.held_by_account_check > 0 ? ` ${t('bankFile.exportHeld', { count: formatNumber(result.held_by_account_check, lang) })}` : ''}
        {result.bank_unavailable > 0 ? ` ${t('bankFile.exportUnavailable', { count: formatNumber(result.bank_unavailable, lang) })}` : ''}
      </span>
    </Notice>
  );
}

/**
 * 이체 파일: made from the ready lines once the run completed (예금주 확인 first, one file per bank),
 * downloaded to send to the bank, and the bank's result file imported and reconciled.
 */
export function BankFilesPanel({ runId, mayAct }: { runId: string; mayAct: boolean }) {
  const { t, lang } = useI18n();
  const files = useBankFiles(runId, true);
  const exporter = useExportBankFiles(runId);
  const download = useDownloadBankFile();
  const [downloading, setDownloading] = useState<string | null>(null);

  const get = (file: BankFileRead) => {
    setDownloading(file.id);
    download.mutate(file, { onSuccess: saveFile, onSettled: () => setDownloading(null) });
  };

  const list = files.data ?? [];
  return (
    <section className="section bank-files" aria-labelledby="bank-files-title" data-testid="bank-files">
      <h2 id="bank-files-title">{t('bankFile.title')}</h2>
      <p className="muted">{t('bankFile.lead')}</p>
      {mayAct ? (
        <div className="panel">
          <p className="actions">
            <button type="button" className="button button--primary" disabled={exporter.isPending} onClick={() => exporter.mutate()}>
              {exporter.isPending ? t('bankFile.exporting') : t('bankFile.export')}
            </button>
          </p>
          <p className="hint">{t('bankFile.exportHint')}</p>
          {exporter.data ? <Exported result={exporter.data} /> : null}
          {exporter.error ? <Notice tone="error">{problemText(exporter.error, t)}</Notice> : null}
        </div>
      ) : null}
      {files.isPending ? (
        <Loading />
      ) : files.isError ? (
        <ProblemNotice error={files.error} />
      ) : list.length === 0 ? (
        <p data-testid="bank-files-none">{t('bankFile.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="bank-file-table">
            <caption>{t('bankFile.caption', { count: formatNumber(list.length, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bankFile.bank')}</th>
                <th scope="col" className="num">
                  {t('bankFile.sequence')}
                </th>
                <th scope="col">{t('bankFile.name')}</th>
                <th scope="col" className="num">
                  {t('report.count')}
                </th>
                <th scope="col" className="num">
                  {t('bankFile.amount')}
                </th>
                <th scope="col">{t('bankFile.created')}</th>
                <th scope="col">{t('bankFile.result')}</th>
                <th scope="col">{t('common.action')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((file) => {
                const name = t('bankFile.label', { bank: file.bank_name, sequence: file.sequence });
                return (
                  <tr key={file.id}>
                    <th scope="row">
                      {file.bank_name} <span className="muted small mono">{file.bank_code}</span>
                    </th>
                    <td className="num">{file.sequence}</td>
                    <td className="mono small">{file.file_name}</td>
                    <td className="num">{formatNumber(file.line_count, lang)}</td>
                    <td className="num">{formatWon(file.total_amount, lang)}</td>
                    <td className="small">
                      {formatDateTime(file.created_at, lang)} <span className="mono muted">{file.created_by}</span>
                    </td>
                    <ResultCell file={file} />
                    <td className="cell-actions">
                      <button type="button" className="button button--small" disabled={downloading === file.id} onClick={() => get(file)}>
                        {downloading === file.id ? t('common.loading') : t('bankFile.download')}
                        {' '}
                        <span className="visually-hidden">{name}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {download.error ? <Notice tone="error">{problemText(download.error, t)}</Notice> : null}
      {mayAct && list.length > 0 ? <ResultForm runId={runId} files={list} /> : null}
    </section>
  );
}
