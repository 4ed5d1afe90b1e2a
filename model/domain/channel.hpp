#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace model {

// How a person came to join: the outreach channel credited with the sign-up.
enum class Channel : std::uint8_t {
  session = 0,       // outreach conference or dialogue in a commune
  door_to_door = 1,  // a staff member's visit
  agent = 2,         // a collection agent's contact
  walk_in = 3,       // joined unprompted
  referral = 4,      // word of mouth from a new member
  initial = 5,       // already a member at the start (not a new sign-up)
};
inline constexpr int channel_count = 6;
inline constexpr int new_member_channel_count = 5;  // all but `initial`
inline constexpr std::array<Channel, 5> new_member_channels{
    Channel::session, Channel::door_to_door, Channel::agent, Channel::walk_in, Channel::referral};

constexpr std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::session: return "session";
    case Channel::door_to_door: return "door_to_door";
    case Channel::agent: return "agent";
    case Channel::walk_in: return "walk_in";
    case Channel::referral: return "referral";
    case Channel::initial: return "initial";
  }
  return "?";
}

}  // namespace model
