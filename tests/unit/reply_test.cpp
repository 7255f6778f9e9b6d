// SPDX-License-Identifier: GPL-2.0
// How an invocation's result word carries a value or an error (runtime/include/cos/reply.hpp),
// built for the host: every interface's errors survive the trip and no value reads as one, and
// the kernel's -errno answers decode to cosk::kernel::Error.
#include <gtest/gtest.h>

#include <cos/kernel.hpp>
#include <cos/reply.hpp>

namespace {

enum class Test_error : cos_word { first = 1, second = 2, last = cosk::reply_max_error };
enum class Test_id : cos_word {};

} // namespace

TEST(Reply, ErrorsSurviveTheTrip)
{
	for (Test_error e : {Test_error::first, Test_error::second, Test_error::last}) {
		const cos_word word = cosk::reply_error(e);
		EXPECT_TRUE(cosk::is_reply_error(word));
		auto value = cosk::decode<Test_error>(word);
		ASSERT_FALSE(value.ok());
		EXPECT_EQ(value.error(), e);
		auto done = cosk::decode<Test_error, cosk::Done>(word);
		ASSERT_FALSE(done.ok());
		EXPECT_EQ(done.error(), e);
	}
	EXPECT_EQ(cosk::reply_error(Test_error::first), ~cos_word{0});
}

TEST(Reply, ValuesBelowTheErrorsAreValues)
{
	for (cos_word v : {cos_word{0}, cos_word{1}, cos_word{1} << 63, cosk::reply_error_min - 1}) {
		EXPECT_FALSE(cosk::is_reply_error(v));
		auto value = cosk::decode<Test_error>(v);
		ASSERT_TRUE(value.ok());
		EXPECT_EQ(value.value(), v);
		auto id = cosk::decode<Test_error, Test_id>(v);
		ASSERT_TRUE(id.ok());
		EXPECT_EQ(static_cast<cos_word>(id.value()), v);
	}
	EXPECT_TRUE(cosk::is_reply_error(cosk::reply_error_min));
}

TEST(Reply, TheServersWordForAnAttempt)
{
	EXPECT_EQ(cosk::reply_word(cosk::Attempt<cos_word, Test_error>(cos_word{12})), 12u);
	EXPECT_EQ(cosk::reply_word(cosk::Attempt<cos_word, Test_error>(cosk::Failure{Test_error::second})),
		  cosk::reply_error(Test_error::second));
}

TEST(Reply, KernelErrnoAnswersDecodeToKernelErrors)
{
	auto refused = cosk::decode<cosk::kernel::Error, cosk::Done>(static_cast<cos_word>(-EALREADY));
	ASSERT_FALSE(refused.ok());
	EXPECT_EQ(refused.error(), cosk::kernel::Error::already);
	auto other = cosk::decode<cosk::kernel::Error>(static_cast<cos_word>(-EBUSY));
	ASSERT_FALSE(other.ok());
	// An errno the enum does not name keeps its number.
	EXPECT_EQ(static_cast<cos_word>(other.error()), static_cast<cos_word>(EBUSY));
}
