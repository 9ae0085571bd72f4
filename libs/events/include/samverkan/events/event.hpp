#pragma once
// A CloudEvents 1.0 event as it travels on Kafka in binary mode: attributes in ce_* headers,
// data (a JSON object) as the message value, the aggregate id (ce_subject) as the key.
#include <samverkan/kafka/message.hpp>

#include <boost/json/object.hpp>
#include <stdexcept>
#include <string>

namespace samverkan::events {

struct Event {
  std::string id;           // ce_id, a UUID
  std::string type;         // ce_type, se.samverkan.<subdomain>.<subject>.<action>.v<major>
  std::string source;       // ce_source, e.g. "/samverkan/modules"
  std::string subject;      // ce_subject: the aggregate id, also the Kafka key
  std::string time;         // ce_time, RFC 3339
  std::string traceparent;  // W3C trace context, optional
  boost::json::object data;
};

class MalformedEvent : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // message names the defect, never the content
};

// Binary-mode headers for an event. Carries only CloudEvents attributes: no personal data.
kafka::Headers cloudevent_headers(const Event& event);
// Reads a Kafka message as an event; throws MalformedEvent if it is not one.
Event from_kafka(const kafka::Message& message);

std::string new_event_id();  // random UUID v4
std::string now_rfc3339();   // current UTC time with milliseconds

}  // namespace samverkan::events
