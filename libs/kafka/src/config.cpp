#include "config.hpp"

#include <stdexcept>

namespace samverkan::kafka::detail {

rd_kafka_conf_t* make_conf(Settings settings, const Properties& extra) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (const auto& [name, value] : settings) {
    if (rd_kafka_conf_set(conf, name, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::invalid_argument(std::string("kafka setting ") + name + ": " + error);
    }
  }
  for (const auto& [name, value] : extra) {
    if (is_protected(name)) {
      rd_kafka_conf_destroy(conf);
      throw std::invalid_argument("kafka property " + name + " cannot be overridden");
    }
    // librdkafka's message can quote the value, which may be a password: name the key only.
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::invalid_argument("kafka property " + name + " was rejected by librdkafka");
    }
  }
  return conf;
}

rd_kafka_t* make_handle(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
  char error[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf, error, sizeof error);
  if (rk == nullptr) {
    // rd_kafka_new only takes ownership of conf on success.
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("cannot create kafka client: ") + error);
  }
  return rk;
}

}  // namespace samverkan::kafka::detail
