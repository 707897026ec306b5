import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { SideNav } from './Layout';

function links(): string[] {
  const nav = screen.getByRole('navigation', { name: '주 메뉴' });
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('SideNav', () => {
  it('shows an investigator every registry screen and the simulation', () => {
    renderWithProviders(
      <SideNav scopes={['registry:read', 'registry:write', 'registry:rrn', 'reference:read', 'investigations:read']} />,
    );
    expect(links()).toEqual(['업무 현황', '대상자 검색', '대상자 등록', '가구 등록', '모의계산']);
  });

  it('hides registration from a duty that may only read the registry', () => {
    renderWithProviders(<SideNav scopes={['registry:read', 'decisions:read', 'reference:read']} />);
    expect(links()).toEqual(['업무 현황', '대상자 검색', '모의계산']);
  });

  it('shows a privacy officer no registry screen', () => {
    renderWithProviders(<SideNav scopes={['audit:read', 'reference:read']} />);
    expect(links()).toEqual(['업무 현황', '모의계산']);
  });

  it('shows an intake official the application screens, intake included', () => {
    renderWithProviders(
      <SideNav scopes={['registry:read', 'registry:write', 'applications:read', 'applications:write', 'reference:read']} />,
    );
    expect(links()).toEqual(['업무 현황', '신청 목록', '신청 접수', '처리기한 경과', '대상자 검색', '대상자 등록', '가구 등록', '모의계산']);
  });

  it('keeps 신청 접수 from a duty that may only read applications', () => {
    renderWithProviders(<SideNav scopes={['applications:read', 'decisions:read']} />);
    expect(links()).toEqual(['업무 현황', '신청 목록', '처리기한 경과']);
    expect(screen.getByRole('link', { name: '처리기한 경과' })).toHaveAttribute('href', '/applications/overdue');
  });

  it('shows the 발급대장 to a duty that may read certificates', () => {
    renderWithProviders(<SideNav scopes={['applications:read', 'certificates:read', 'certificates:write', 'registry:read']} />);
    expect(links()).toEqual(['업무 현황', '신청 목록', '처리기한 경과', '증명서 발급대장', '대상자 검색']);
    expect(screen.getByRole('link', { name: '증명서 발급대장' })).toHaveAttribute('href', '/certificates');
  });

  it('shows a payment officer 급여 지급', () => {
    renderWithProviders(<SideNav scopes={['registry:read', 'decisions:read', 'payments:read', 'payments:write', 'reference:read']} />);
    expect(links()).toEqual(['업무 현황', '급여 지급', '대상자 검색', '모의계산']);
    expect(screen.getByRole('link', { name: '급여 지급' })).toHaveAttribute('href', '/payments');
  });

  it('points each item at its screen', () => {
    renderWithProviders(<SideNav scopes={['registry:read']} />);
    expect(screen.getByRole('link', { name: '대상자 검색' })).toHaveAttribute('href', '/persons/search');
  });
});
