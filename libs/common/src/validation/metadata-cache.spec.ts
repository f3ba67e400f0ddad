import 'reflect-metadata';
import { IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { cacheValidationMetadata } from './metadata-cache';

class Base {
  @IsString()
  name!: string;
}
class Child extends Base {
  @IsInt()
  @Min(1, { groups: ['strict'] })
  count!: number;
}
class Holder {
  @ValidateNested()
  @Type(() => Child)
  child!: Child;
}

const errorsOf = (value: object, groups?: string[]) =>
  validateSync(value, { forbidUnknownValues: true, ...(groups ? { groups } : {}) })
    .map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}:${(e.children ?? []).map((c) => c.property).join(',')}`)
    .sort();

describe('cacheValidationMetadata', () => {
  const cases: [object, string[] | undefined][] = [
    [Object.assign(new Child(), { name: 'a', count: 0 }), undefined],
    [Object.assign(new Child(), { name: 'a', count: 0 }), ['strict']],
    [Object.assign(new Child(), { name: 5, count: 'x' }), undefined],
    [Object.assign(new Holder(), { child: Object.assign(new Child(), { name: 1, count: 2 }) }), undefined],
  ];
  const before = cases.map(([value, groups]) => errorsOf(value, groups));

  it('answers the same rules as class-validator, inherited and grouped ones too, before and after a repeat', () => {
    cacheValidationMetadata();
    cacheValidationMetadata(); // once per process, however often called
    for (let round = 0; round < 2; round++) expect(cases.map(([value, groups]) => errorsOf(value, groups))).toEqual(before);
  });

  it('gives each call its own list, so a caller changing it changes nothing kept', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    first.length = 0;
    expect(storage.getTargetValidationMetadatas(Child, '', false, false).length).toBeGreaterThan(0);
  });

  it('sees a rule registered after a lookup (a class declared later)', () => {
    expect(errorsOf(Object.assign(new Child(), { name: 'a', count: 3 }))).toEqual([]);
    class Later extends Child {
      @IsString()
      extra!: string;
    }
    expect(errorsOf(Object.assign(new Later(), { name: 'a', count: 3, extra: 1 }))).toEqual(['extra:isString:']);
  });
});
