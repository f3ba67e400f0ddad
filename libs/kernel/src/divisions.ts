/**
 * Administrative division codes (GB/T 2260 and the statistics bureau's village codes):
 * county 6 digits, township 9 digits, village 12 digits. Each code starts with its parent's,
 * which is what scope checks rely on.
 */
export const COUNTY_CODE = /^\d{6}$/;
export const TOWNSHIP_CODE = /^\d{9}$/;
export const VILLAGE_CODE = /^\d{12}$/;

export function countyOfTownship(townshipCode: string): string {
  return townshipCode.slice(0, 6);
}

export function townshipOfVillage(villageCode: string): string {
  return villageCode.slice(0, 9);
}
