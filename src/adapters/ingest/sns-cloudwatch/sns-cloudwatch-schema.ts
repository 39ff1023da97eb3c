import { z } from 'zod';

// Amazon SNS HTTP/HTTPS delivery (docs.aws.amazon.com/sns/latest/dg/http-notification-json.html and
// http-subscription-confirmation-json.html). SNS posts these as `Content-Type: text/plain`.
const common = {
  MessageId: z.string(),
  TopicArn: z.string(),
  Message: z.string(),
  Timestamp: z.string(),
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string(),
  SigningCertURL: z.string(),
};

export const snsNotificationSchema = z.object({
  Type: z.literal('Notification'),
  ...common,
  Subject: z.string().optional(),
  UnsubscribeURL: z.string().optional(),
});

export const snsConfirmationSchema = z.object({
  Type: z.enum(['SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  ...common,
  Token: z.string(),
  SubscribeURL: z.string(),
});

export const snsMessageSchema = z.discriminatedUnion('Type', [snsNotificationSchema, snsConfirmationSchema]);
export type SnsMessage = z.infer<typeof snsMessageSchema>;

// The CloudWatch alarm state-change message inside `Message` (a JSON string). Composite alarms
// have no Trigger; many fields can be null.
export const CLOUDWATCH_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;

export const cloudWatchAlarmSchema = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  AWSAccountId: z.string().nullish(),
  AlarmArn: z.string().nullish(),
  NewStateValue: z.enum(CLOUDWATCH_STATES),
  NewStateReason: z.string().nullish(),
  StateChangeTime: z.string().nullish(),
  Region: z.string().nullish(),
  OldStateValue: z.string().nullish(),
  Trigger: z.object({
    MetricName: z.string().nullish(),
    Namespace: z.string().nullish(),
    StatisticType: z.string().nullish(),
    Statistic: z.string().nullish(),
    Unit: z.string().nullish(),
    Dimensions: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
    Period: z.number().nullish(),
    EvaluationPeriods: z.number().nullish(),
    ComparisonOperator: z.string().nullish(),
    Threshold: z.number().nullish(),
  }).nullish(),
});

export type CloudWatchAlarm = z.infer<typeof cloudWatchAlarmSchema>;
