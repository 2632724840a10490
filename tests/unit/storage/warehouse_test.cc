#include "storage/warehouse.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "storage/row_group_reader.h"
#include "storage_test_util.h"

namespace dq {
namespace {

using testing::MakeChunk;
using testing::TempDirectory;

std::vector<ColumnDefinition> SalesColumns() {
  return {{"id", TypeId::kInt64, /*not_null=*/true, ""}, {"region", TypeId::kString, false, "'eu'"}};
}

// A chunk with ids [first, first + count) and regions derived from them.
DataChunk SalesChunk(int64_t first, size_t count) {
  std::vector<std::vector<Value>> rows;
  for (size_t row = 0; row < count; ++row) {
    int64_t id = first + static_cast<int64_t>(row);
    rows.push_back({Value::Int64(id), id % 5 == 0 ? Value::Null(TypeId::kString)
                                                  : Value::String("region-" + std::to_string(id % 3))});
  }
  return MakeChunk({TypeId::kInt64, TypeId::kString}, rows);
}

// Appends ids [first, first + count) to shop.sales (creating dataset/table) and commits.
Status AppendSales(Warehouse& warehouse, int64_t first, size_t count) {
  DQ_ASSIGN_OR_RETURN(std::unique_ptr<WriteTransaction> transaction, warehouse.BeginWrite());
  CatalogBuilder& catalog = transaction->catalog();
  DQ_RETURN_IF_ERROR(catalog.CreateDataset("shop", NowMicros(), /*if_not_exists=*/true));
  if (!catalog.FindTable("shop", "sales")) {
    TableEntry table;
    table.dataset = "shop";
    table.name = "sales";
    table.columns = SalesColumns();
    DQ_RETURN_IF_ERROR(catalog.CreateTable(table));
  }
  TableEntry table = *catalog.FindTable("shop", "sales");
  std::unique_ptr<TableAppender> appender = transaction->CreateAppender(table);
  for (size_t done = 0; done < count; done += kBatchSize) {
    DataChunk chunk = SalesChunk(first + static_cast<int64_t>(done), std::min(kBatchSize, count - done));
    DQ_RETURN_IF_ERROR(appender->Append(chunk));
  }
  DQ_ASSIGN_OR_RETURN(std::vector<RowGroupMeta> groups, appender->Finish());
  table.AddRowGroups(groups);
  table.modified_micros = NowMicros();
  DQ_RETURN_IF_ERROR(catalog.PutTable(table));
  return transaction->Commit();
}

// Reads every id of a table (verifying every checksum) in scan-sized batches.
std::vector<int64_t> ReadIds(const std::string& dir, const TableEntry& table) {
  std::vector<int64_t> ids;
  for (const RowGroupMeta& group : table.row_groups) {
    auto reader = RowGroupReader::Open(dir, group, table.ColumnTypes());
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return ids;
    EXPECT_TRUE((*reader)->VerifyAllColumns().ok());
    for (uint64_t start = 0; start < group.row_count; start += kBatchSize) {
      size_t count = std::min<uint64_t>(kBatchSize, group.row_count - start);
      Vector out(TypeId::kInt64, kBatchSize);
      EXPECT_TRUE((*reader)->ReadColumn(0, start, count, out).ok());
      for (size_t row = 0; row < count; ++row) ids.push_back(out.Data<int64_t>()[row]);
    }
  }
  return ids;
}

std::set<std::string> FilesUnder(const std::string& dir) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.insert(std::filesystem::relative(entry.path(), dir).string());
  }
  return files;
}

TEST(WarehouseTest, CommitPersistsAcrossReopen) {
  TempDirectory dir;
  {
    auto warehouse = Warehouse::Open(dir.path(), /*create_if_missing=*/true);
    ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
    EXPECT_EQ((*warehouse)->Snapshot()->version(), 0u);
    // Spans two row groups: one full, one partial.
    ASSERT_TRUE(AppendSales(**warehouse, 0, kRowGroupRows + 1000).ok());
    ASSERT_TRUE(AppendSales(**warehouse, kRowGroupRows + 1000, 10).ok());
    EXPECT_EQ((*warehouse)->Snapshot()->version(), 2u);
  }
  auto warehouse = Warehouse::Open(dir.path(), /*create_if_missing=*/false);
  ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
  auto snapshot = (*warehouse)->Snapshot();
  EXPECT_EQ(snapshot->version(), 2u);
  auto table = snapshot->FindTable("SHOP", "Sales");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->columns, SalesColumns());
  EXPECT_EQ(table->row_count, kRowGroupRows + 1010);
  ASSERT_EQ(table->row_groups.size(), 3u);
  EXPECT_EQ(table->row_groups[0].row_count, kRowGroupRows);
  EXPECT_TRUE(table->row_groups[0].stats[0].has_min_max);
  EXPECT_EQ(table->row_groups[0].stats[0].min, Value::Int64(0));
  EXPECT_EQ(table->row_groups[0].stats[0].max, Value::Int64(kRowGroupRows - 1));
  EXPECT_EQ(table->row_groups[0].stats[1].null_count, kRowGroupRows / 5);
  std::vector<int64_t> ids = ReadIds(dir.path(), *table);
  ASSERT_EQ(ids.size(), kRowGroupRows + 1010);
  for (size_t row = 0; row < ids.size(); ++row) ASSERT_EQ(ids[row], static_cast<int64_t>(row));
  // Only the live manifest remains.
  std::set<std::string> files = FilesUnder(dir.path());
  EXPECT_TRUE(files.count("CURRENT"));
  EXPECT_TRUE(files.count("manifest-00000000000000000002"));
  EXPECT_FALSE(files.count("manifest-00000000000000000001"));
  EXPECT_EQ(files.size(), 3u /*CURRENT, LOCK, manifest*/ + 3u /*segments*/);
}

// Rows of large arrays (embeddings, images): a row group is closed at kRowGroupBytes of
// array data, so 1,500 rows of 4,096 FLOAT64s (32 KiB each) make groups of 512, 512 and 476
// rows, whatever the chunks they were appended in; every value reads back.
TEST(WarehouseTest, RowGroupsOfLargeArraysAreCappedInBytes) {
  TempDirectory dir;
  auto warehouse = Warehouse::Open(dir.path(), /*create_if_missing=*/true);
  ASSERT_TRUE(warehouse.ok());
  constexpr int64_t kWidth = 4096;
  const LogicalType array_type = LogicalType::Array(TypeId::kFloat64);
  auto transaction = (*warehouse)->BeginWrite();
  ASSERT_TRUE(transaction.ok());
  CatalogBuilder& catalog = (*transaction)->catalog();
  ASSERT_TRUE(catalog.CreateDataset("ml", NowMicros(), false).ok());
  TableEntry table;
  table.dataset = "ml";
  table.name = "images";
  table.columns = {{"id", TypeId::kInt64, false, ""}, {"pixels", array_type, false, ""}};
  ASSERT_TRUE(catalog.CreateTable(table).ok());
  table = *catalog.FindTable("ml", "images");
  std::unique_ptr<TableAppender> appender = (*transaction)->CreateAppender(table);
  for (int64_t first = 0; first < 1500; first += 500) {
    DataChunk chunk(std::vector<LogicalType>{TypeId::kInt64, array_type}, 500);
    chunk.column(1).SetArraySize(500 * kWidth);
    for (int64_t row = 0; row < 500; ++row) {
      chunk.column(0).Data<int64_t>()[row] = first + row;
      chunk.column(1).Data<ArrayEntry>()[row] = ArrayEntry{static_cast<uint64_t>(row * kWidth), kWidth};
      for (int64_t element = 0; element < kWidth; ++element) {
        chunk.column(1).array_child().Data<double>()[row * kWidth + element] =
            static_cast<double>(first + row) + element * 1e-4;
      }
    }
    chunk.SetSize(500);
    ASSERT_TRUE(appender->Append(chunk).ok());
  }
  auto groups = appender->Finish();
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 3u);
  EXPECT_EQ((*groups)[0].row_count, 512u);
  EXPECT_EQ((*groups)[1].row_count, 512u);
  EXPECT_EQ((*groups)[2].row_count, 476u);
  int64_t id = 0;
  for (const RowGroupMeta& group : *groups) {
    auto reader = RowGroupReader::Open(dir.path(), group, {TypeId::kInt64, array_type});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    Vector ids(TypeId::kInt64, kBatchSize), pixels(array_type, kBatchSize);
    ASSERT_TRUE((*reader)->ReadColumn(0, 0, group.row_count, ids).ok());
    ASSERT_TRUE((*reader)->ReadColumn(1, 0, group.row_count, pixels).ok());
    for (uint64_t row = 0; row < group.row_count; ++row, ++id) {
      ASSERT_EQ(ids.Data<int64_t>()[row], id);
      const ArrayEntry entry = pixels.Data<ArrayEntry>()[row];
      ASSERT_EQ(entry.length, static_cast<uint64_t>(kWidth));
      ASSERT_EQ(pixels.array_child().Data<double>()[entry.offset + 7], id + 7e-4);
    }
  }
}

TEST(WarehouseTest, AbortLeavesNoFilesAndNoCatalogChange) {
  TempDirectory dir;
  auto warehouse = Warehouse::Open(dir.path(), true);
  ASSERT_TRUE(warehouse.ok());
  ASSERT_TRUE(AppendSales(**warehouse, 0, 100).ok());
  std::set<std::string> before = FilesUnder(dir.path());
  auto snapshot_before = (*warehouse)->Snapshot();
  for (bool explicit_abort : {true, false}) {
    auto transaction = (*warehouse)->BeginWrite();
    ASSERT_TRUE(transaction.ok());
    TableEntry table = *(*transaction)->catalog().FindTable("shop", "sales");
    auto appender = (*transaction)->CreateAppender(table);
    for (int batch = 0; batch < 70; ++batch) {  // > one row group: a file is written
      ASSERT_TRUE(appender->Append(SalesChunk(1000, kBatchSize)).ok());
    }
    auto groups = appender->Finish();
    ASSERT_TRUE(groups.ok());
    table.AddRowGroups(*groups);
    ASSERT_TRUE((*transaction)->catalog().PutTable(table).ok());
    ASSERT_TRUE((*transaction)->catalog().DropDataset("shop", true).ok());
    EXPECT_GT(FilesUnder(dir.path()).size(), before.size());
    if (explicit_abort) (*transaction)->Abort();
    transaction->reset();  // the destructor aborts too
    EXPECT_EQ(FilesUnder(dir.path()), before);
    EXPECT_EQ((*warehouse)->Snapshot(), snapshot_before);
  }
  EXPECT_EQ((*warehouse)->Snapshot()->FindTable("shop", "sales")->row_count, 100u);
}

TEST(WarehouseTest, NotNullViolationHasNoPartialEffect) {
  TempDirectory dir;
  auto warehouse = Warehouse::Open(dir.path(), true);
  ASSERT_TRUE(warehouse.ok());
  ASSERT_TRUE(AppendSales(**warehouse, 0, 10).ok());
  auto transaction = (*warehouse)->BeginWrite();
  ASSERT_TRUE(transaction.ok());
  TableEntry table = *(*transaction)->catalog().FindTable("shop", "sales");
  auto appender = (*transaction)->CreateAppender(table);
  ASSERT_TRUE(appender->Append(SalesChunk(10, 5)).ok());
  DataChunk bad = MakeChunk({TypeId::kInt64, TypeId::kString},
                            {{Value::Int64(1), Value::String("a")},
                             {Value::Null(TypeId::kInt64), Value::String("b")}});
  Status status = appender->Append(bad);
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(), "Required field id cannot be NULL");
  EXPECT_EQ(appender->rows_appended(), 5u);
  auto groups = appender->Finish();
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].row_count, 5u);
}

TEST(WarehouseTest, SnapshotIsolation) {
  TempDirectory dir;
  auto warehouse = Warehouse::Open(dir.path(), true);
  ASSERT_TRUE(warehouse.ok());
  ASSERT_TRUE(AppendSales(**warehouse, 0, 500).ok());
  auto old_snapshot = (*warehouse)->Snapshot();
  auto old_table = old_snapshot->FindTable("shop", "sales");
  // Replace the table's contents, then drop it entirely.
  {
    auto transaction = (*warehouse)->BeginWrite();
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE((*transaction)->catalog().DropTable("shop", "sales").ok());
    ASSERT_TRUE((*transaction)->Commit().ok());
  }
  ASSERT_TRUE(AppendSales(**warehouse, 9000, 50).ok());
  auto new_snapshot = (*warehouse)->Snapshot();
  EXPECT_EQ(new_snapshot->version(), old_snapshot->version() + 2);
  EXPECT_EQ(new_snapshot->FindTable("shop", "sales")->row_count, 50u);
  // The old snapshot still reads its own row groups.
  EXPECT_EQ(old_table->row_count, 500u);
  std::vector<int64_t> ids = ReadIds(dir.path(), *old_table);
  ASSERT_EQ(ids.size(), 500u);
  EXPECT_EQ(ids.back(), 499);
  EXPECT_EQ(ReadIds(dir.path(), *new_snapshot->FindTable("shop", "sales")).front(), 9000);
}

TEST(WarehouseTest, SecondOpenIsRefusedAcrossProcesses) {
  TempDirectory dir;
  auto warehouse = Warehouse::Open(dir.path(), true);
  ASSERT_TRUE(warehouse.ok());
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto second = Warehouse::Open(dir.path(), false);
    bool refused = !second.ok() && second.status().message() ==
                                       "Warehouse " + dir.path() + " is in use by another process";
    _exit(refused ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // In-process second open is refused too; after closing, opening works.
  EXPECT_EQ(Warehouse::Open(dir.path(), false).status().kind(), ErrorKind::kIo);
  warehouse->reset();
  EXPECT_TRUE(Warehouse::Open(dir.path(), false).ok());
}

TEST(WarehouseTest, OpenMissingAndCorruptManifest) {
  TempDirectory dir;
  EXPECT_EQ(Warehouse::Open(dir.path() + "/none", false).status().kind(), ErrorKind::kIo);
  {
    auto warehouse = Warehouse::Open(dir.path(), true);
    ASSERT_TRUE(warehouse.ok());
    ASSERT_TRUE(AppendSales(**warehouse, 0, 10).ok());
  }
  std::string manifest = dir.path() + "/manifest-00000000000000000001";
  {
    std::fstream file(manifest, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(-10, std::ios::end);
    file.put('#');
  }
  auto reopened = Warehouse::Open(dir.path(), false);
  EXPECT_EQ(reopened.status().kind(), ErrorKind::kCorruption);
  EXPECT_NE(reopened.status().message().find("manifest-00000000000000000001"), std::string::npos);
}

// The state after `commits` successful AppendSales(…, 100 * k, 100) calls.
void ExpectCommittedState(const std::string& dir, uint64_t* commits_seen) {
  auto warehouse = Warehouse::Open(dir, false);
  ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
  auto snapshot = (*warehouse)->Snapshot();
  uint64_t commits = snapshot->version();
  *commits_seen = commits;
  auto table = snapshot->FindTable("shop", "sales");
  if (commits == 0) {
    EXPECT_EQ(table, nullptr);
    return;
  }
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->row_count, commits * 100);
  std::vector<int64_t> ids = ReadIds(dir, *table);
  ASSERT_EQ(ids.size(), commits * 100);
  for (size_t row = 0; row < ids.size(); ++row) ASSERT_EQ(ids[row], static_cast<int64_t>(row));
  // Every file left is referenced: orphans were collected.
  size_t segment_files = 0;
  for (const std::string& file : FilesUnder(dir)) segment_files += file.rfind("data/", 0) == 0;
  EXPECT_EQ(segment_files, table->row_groups.size());
}

// Crash between protocol steps: the hook _exits the child at each step of its second commit.
TEST(WarehouseTest, CrashAtEachCommitStepKeepsLastCommit) {
  for (CommitStep step :
       {CommitStep::kSegmentsSynced, CommitStep::kManifestWritten, CommitStep::kCurrentSwitched}) {
    TempDirectory dir;
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto warehouse = Warehouse::Open(dir.path(), true);
      if (!warehouse.ok() || !AppendSales(**warehouse, 0, 100).ok()) _exit(2);
      (*warehouse)->SetCommitHookForTesting([step](CommitStep reached) {
        if (reached == step) _exit(0);
        return Status::OK();
      });
      (void)AppendSales(**warehouse, 100, 100);
      _exit(3);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_EQ(WEXITSTATUS(status), 0);
    uint64_t commits = 0;
    ExpectCommittedState(dir.path(), &commits);
    EXPECT_EQ(commits, step == CommitStep::kCurrentSwitched ? 2u : 1u);
  }
}

// A failing step (I/O error simulated by the hook) aborts cleanly in-process.
TEST(WarehouseTest, FailedCommitStepAborts) {
  TempDirectory dir;
  auto warehouse = Warehouse::Open(dir.path(), true);
  ASSERT_TRUE(warehouse.ok());
  ASSERT_TRUE(AppendSales(**warehouse, 0, 100).ok());
  std::set<std::string> before = FilesUnder(dir.path());
  (*warehouse)->SetCommitHookForTesting([](CommitStep step) {
    return step == CommitStep::kManifestWritten ? Status::IoError("disk full") : Status::OK();
  });
  Status status = AppendSales(**warehouse, 100, 100);
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_EQ((*warehouse)->Snapshot()->version(), 1u);
  std::set<std::string> after = FilesUnder(dir.path());
  after.erase("manifest-00000000000000000002");  // unreferenced; collected at the next Open
  EXPECT_EQ(after, before);
  (*warehouse)->SetCommitHookForTesting(nullptr);
  ASSERT_TRUE(AppendSales(**warehouse, 100, 100).ok());
  EXPECT_EQ((*warehouse)->Snapshot()->version(), 2u);
}

// SIGKILL at random moments while a child commits in a loop.
TEST(WarehouseTest, RandomKillDuringCommitsRecoversACommittedState) {
  TempDirectory dir;
  std::mt19937 random(1234);
  uint64_t previous_commits = 0;
  for (int round = 0; round < 6; ++round) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto warehouse = Warehouse::Open(dir.path(), true);
      if (!warehouse.ok()) _exit(2);
      while (true) {
        uint64_t commits = (*warehouse)->Snapshot()->version();
        if (!AppendSales(**warehouse, static_cast<int64_t>(commits * 100), 100).ok()) _exit(3);
      }
    }
    usleep(5000 + random() % 40000);
    kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
    uint64_t commits = 0;
    ExpectCommittedState(dir.path(), &commits);
    EXPECT_GE(commits, previous_commits);
    previous_commits = commits;
  }
  EXPECT_GT(previous_commits, 0u);
}

}  // namespace
}  // namespace dq
