import { describe, expect, it } from 'vitest';
import { PROJECT_STAGES } from '../../../common/project-labels.js';
import { allowedMoves, canMove, moveRequires } from './stage-rules.js';

describe('project stages', () => {
  it('the main path moves forward one step at a time', () => {
    const path = ['planning', 'reserve', 'preparation', 'construction', 'completed', 'operating'] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(canMove(path[i], path[i + 1])).toBe(true);
    expect(canMove('reserve', 'construction')).toBe(false);
    expect(canMove('planning', 'operating')).toBe(false);
    expect(canMove('operating', 'construction')).toBe(false);
  });
  it('停工 and back', () => {
    expect(canMove('construction', 'suspended')).toBe(true);
    expect(canMove('suspended', 'construction')).toBe(true);
    expect(canMove('preparation', 'suspended')).toBe(true);
    expect(canMove('completed', 'suspended')).toBe(false);
  });
  it('no stage moves to itself; 投产 is the end', () => {
    for (const s of PROJECT_STAGES) expect(canMove(s, s)).toBe(false);
    expect(allowedMoves('operating')).toEqual([]);
  });
  it('what a move needs', () => {
    expect(moveRequires('construction')).toBe('actualStart');
    expect(moveRequires('completed')).toBe('actualCompletion');
    expect(moveRequires('preparation')).toBe('projectCode');
    expect(moveRequires('suspended')).toBe(null);
  });
});
