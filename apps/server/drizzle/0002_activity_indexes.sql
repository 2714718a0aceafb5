DROP INDEX "messages_company_ticket_idx";--> statement-breakpoint
DROP INDEX "tickets_company_status_activity_idx";--> statement-breakpoint
DROP INDEX "tickets_company_user_activity_idx";--> statement-breakpoint
DROP INDEX "tickets_company_queue_activity_idx";--> statement-breakpoint
DROP INDEX "tickets_company_contact_idx";--> statement-breakpoint
CREATE INDEX "tickets_company_activity_idx" ON "tickets" USING btree ("company_id","last_message_at","id");--> statement-breakpoint
CREATE INDEX "messages_company_ticket_idx" ON "messages" USING btree ("company_id","ticket_id","id");--> statement-breakpoint
CREATE INDEX "tickets_company_status_activity_idx" ON "tickets" USING btree ("company_id","status","last_message_at","id");--> statement-breakpoint
CREATE INDEX "tickets_company_user_activity_idx" ON "tickets" USING btree ("company_id","user_id","status","last_message_at","id");--> statement-breakpoint
CREATE INDEX "tickets_company_queue_activity_idx" ON "tickets" USING btree ("company_id","queue_id","status","last_message_at","id");--> statement-breakpoint
CREATE INDEX "tickets_company_contact_idx" ON "tickets" USING btree ("company_id","contact_id","created_at");