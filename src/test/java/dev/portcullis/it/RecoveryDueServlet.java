package dev.portcullis.it;

import dev.portcullis.ticket.RecoveryRounds;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Test deployments only: lets a browser test skip the waiting time of an approved recovery request
 * ({@code ?email=…}): the account's approved request becomes due a second ago, and one round of
 * {@link RecoveryRounds} runs, as the scheduled one would. Answers with how many requests it moved.
 */
@WebServlet("/test-recovery-due")
public class RecoveryDueServlet extends HttpServlet {

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  @Inject RecoveryRounds rounds;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int moved;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE recovery_request SET effective_at = ? WHERE status = 'APPROVED'"
                    + " AND account_id = (SELECT id FROM account WHERE email = ?)")) {
      // as InstantConverter stores instants: UTC wall-clock time
      s.setObject(1, LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1));
      s.setString(2, request.getParameter("email"));
      moved = s.executeUpdate();
    } catch (SQLException e) {
      throw new IOException(e);
    }
    rounds.round();
    response.setContentType("text/plain");
    response.getWriter().print(moved);
  }
}
