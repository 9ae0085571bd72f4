#include "indicator_cells.hpp"

#include <algorithm>
#include <map>

namespace samverkan::reporting {

namespace {

template <std::size_t N>
int index_in(const std::array<const char*, N>& names, const std::string& value) {
  for (std::size_t i = 0; i < N; ++i) {
    if (value == names[i]) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

ParsedCell parse_cell(const CellQuery& q) {
  IndicatorCell cell;
  if (q.gender) {
    if (*q.gender != "total" && index_in(kGenders, *q.gender) < 0) return {std::nullopt, "gender"};
    cell.gender = *q.gender;
  }
  const std::array<std::pair<const char*, const std::optional<std::string>*>, 3> columns{
      {{"employment_status", &q.employment_status},
       {"age_band", &q.age_band},
       {"education_level", &q.education_level}}};
  for (std::size_t axis = 0; axis < columns.size(); ++axis) {
    const auto& [name, value] = columns[axis];
    if (!*value) continue;
    if (cell.axis != IndicatorCell::Axis::Total) return {std::nullopt, name};
    const int index = axis == 0   ? index_in(kEmployment, **value)
                      : axis == 1 ? index_in(kAgeBands, **value)
                                  : index_in(kEducation, **value);
    if (index < 0) return {std::nullopt, name};
    cell.axis = static_cast<IndicatorCell::Axis>(axis + 1);
    cell.column = **value;
  }
  return {cell, ""};
}

const Figure& figure_of(const Indicators& indicators, const IndicatorCell& cell) {
  const auto row = std::find_if(indicators.rows.begin(), indicators.rows.end(),
                                [&](const GenderRow& r) { return r.gender == cell.gender; });
  switch (cell.axis) {
    case IndicatorCell::Axis::Employment:
      return row->employment.at(static_cast<std::size_t>(index_in(kEmployment, cell.column)));
    case IndicatorCell::Axis::Age:
      return row->age.at(static_cast<std::size_t>(index_in(kAgeBands, cell.column)));
    case IndicatorCell::Axis::Education:
      return row->education.at(static_cast<std::size_t>(index_in(kEducation, cell.column)));
    case IndicatorCell::Axis::Total:
      break;
  }
  return row->total;
}

std::vector<std::string> cell_members(const std::vector<IndicatorPerson>& people,
                                      const IndicatorQuery& query, const IndicatorCell& cell) {
  std::map<std::string, std::vector<IndicatorPerson>> by_id;
  for (const auto& p : people) by_id[p.participant_id].push_back(p);
  std::vector<std::string> members;
  for (const auto& [id, rows] : by_id) {
    if (figure_of(compute_indicators(rows, query), cell).count > 0) members.push_back(id);
  }
  return members;
}

}  // namespace samverkan::reporting
