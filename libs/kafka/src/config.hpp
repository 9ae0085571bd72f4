#pragma once
// Builds an rd_kafka_conf_t from key/value pairs, throwing on the first rejected setting.
#include <samverkan/kafka/properties.hpp>

#include <librdkafka/rdkafka.h>

#include <initializer_list>
#include <string>
#include <utility>

namespace samverkan::kafka::detail {

using Settings = std::initializer_list<std::pair<const char*, std::string>>;

// Our settings, then the deployment's extra properties. Caller owns the result until it is passed
// to rd_kafka_new.
rd_kafka_conf_t* make_conf(Settings settings, const Properties& extra);

// rd_kafka_new, destroying conf and throwing if the handle cannot be created.
rd_kafka_t* make_handle(rd_kafka_type_t type, rd_kafka_conf_t* conf);

}  // namespace samverkan::kafka::detail
