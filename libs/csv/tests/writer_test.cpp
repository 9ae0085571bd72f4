#include <gtest/gtest.h>

#include <samverkan/csv/writer.hpp>

namespace samverkan::csv {
namespace {

TEST(CsvWrite, NeutralisesFormulaStarts) {
  EXPECT_EQ(neutralise("=1+1"), "'=1+1");
  EXPECT_EQ(neutralise("+46 70"), "'+46 70");
  EXPECT_EQ(neutralise("-2"), "'-2");
  EXPECT_EQ(neutralise("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(neutralise("\tx"), "'\tx");
  EXPECT_EQ(neutralise("\rx"), "'\rx");
  EXPECT_EQ(neutralise("Lena = Ek"), "Lena = Ek");
  EXPECT_EQ(neutralise(""), "");
}

TEST(CsvWrite, QuotesWhenNeededCrlfAndNumbers) {
  Writer w;
  w.text("Name").text("Minutes").end_row();
  w.text("Ek, Lena").number(-5).end_row();
  w.text("Say \"hi\"").text("two\nlines").end_row();
  w.text("=HYPERLINK(\"x\")").number(0).end_row();
  EXPECT_EQ(w.str(),
            "Name,Minutes\r\n\"Ek, Lena\",-5\r\n\"Say \"\"hi\"\"\",\"two\nlines\"\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",0\r\n");
}

TEST(CsvWrite, SemicolonAndBom) {
  Writer w(';', true);
  w.text("a;b").text("c,d").end_row();
  EXPECT_EQ(w.str(), "\xEF\xBB\xBF\"a;b\";c,d\r\n");
}

}  // namespace
}  // namespace samverkan::csv
