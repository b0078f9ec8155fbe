/**
 * S3 and SQS on one machine, behaving towards the service as AWS does: S3Proxy and ElasticMQ in this JVM, wrapped
 * so that object writes and reads publish S3's and EventBridge's own event JSON and partners are confined to their
 * prefixes. The entry point is {@link io.signalbox.localaws.LocalAws}.
 */
package io.signalbox.localaws;
