import { AppConfig } from '@xingfu/common';
import { ChannelError, OutgoingMessage } from './reminder-channel';
import { SmsChannel } from './sms.channel';

const config = (o: Partial<AppConfig> = {}) => Object.assign(new AppConfig(), { REMINDERS_SMS_URL: 'http://gateway.test/sms', REMINDERS_SMS_KEY: 'k-123', REMINDERS_SMS_TEMPLATE_ID: 'T1', ...o });
const message: OutgoingMessage = { id: 'sms-abc-2026-03-10', recipientRole: 'mother', phone: '13800001234', body: '您好', reminders: [] };

describe('the SMS gateway adapter', () => {
  const fetchMock = jest.spyOn(globalThis, 'fetch');
  afterEach(() => fetchMock.mockReset());
  afterAll(() => fetchMock.mockRestore());

  it('POSTs the message with its id as Idempotency-Key, the key and the template id, and keeps the answer', async () => {
    fetchMock.mockResolvedValue(new Response('{"id":"gw-1"}', { status: 200 }));
    const sut = new SmsChannel(config());
    await expect(sut.send(message)).resolves.toEqual({ statusCode: 200, body: '{"id":"gw-1"}' });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://gateway.test/sms');
    expect(init).toMatchObject({ method: 'POST', headers: { 'Idempotency-Key': message.id, 'X-Api-Key': 'k-123', 'Content-Type': 'application/json' } });
    expect(JSON.parse(init?.body as string)).toEqual({ messageId: message.id, phone: '13800001234', templateId: 'T1', text: '您好' });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('throws on anything but a 2xx, keeping the status and the start of the body, so the job retries', async () => {
    fetchMock.mockResolvedValue(new Response('x'.repeat(2000), { status: 503 }));
    const error = await new SmsChannel(config()).send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).answer).toEqual({ statusCode: 503, body: 'x'.repeat(500) });
  });

  it('throws when the gateway does not answer, naming the timeout', async () => {
    fetchMock.mockRejectedValue(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }));
    await expect(new SmsChannel(config()).send(message)).rejects.toThrow('no answer within 5000 ms');
  });

  it('is not configured without a URL, and refuses a message with no phone', async () => {
    expect(new SmsChannel(config({ REMINDERS_SMS_URL: undefined })).configured).toBe(false);
    await expect(new SmsChannel(config()).send({ ...message, phone: undefined })).rejects.toThrow(ChannelError);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
