export class GetProjectSettingsQuery {
  constructor(readonly projectId: string) {}
}
